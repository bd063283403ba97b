package dev.layoffsignals.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import org.junit.jupiter.api.Test;

class StreamThreadCpuTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void countsTheStreamThreadsOnlyFromTheSnapshotOn() throws Exception {
    assumeThat(THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()).isTrue();
    Worker stream = new Worker("app-1b2c-StreamThread-1");
    Worker other = new Worker("kafka-producer-network-thread | app-1b2c-StreamThread-1-producer");
    Worker unrelated = new Worker("heap-sampler");
    try {
      stream.spin(); // before the snapshot: not counted
      Map<Long, Long> from = StreamThreadCpu.snapshot();
      assertThat(from).containsKey(stream.getId());
      long streamFrom = THREADS.getThreadCpuTime(stream.getId());

      stream.spin();
      other.spin();
      unrelated.spin();
      long streamUsed = THREADS.getThreadCpuTime(stream.getId()) - streamFrom;

      // every worker is blocked now, so its CPU time stands still: the sum is the stream thread's alone,
      // not its producer's I/O thread's, whose name holds the stream thread's
      assertThat(streamUsed).isGreaterThanOrEqualTo(20_000_000L);
      assertThat(StreamThreadCpu.secondsSince(from)).isCloseTo(streamUsed / 1e9, within(0.001));
    } finally {
      for (Worker w : new Worker[] {stream, other, unrelated}) {
        w.interrupt();
        w.join();
      }
    }
  }

  /** A thread that spins until it used 20 ms of CPU each time it is asked, and is blocked in between. */
  private static final class Worker extends Thread {
    private final SynchronousQueue<CountDownLatch> requests = new SynchronousQueue<>();
    private volatile long sink;

    Worker(String name) {
      super(name);
      setDaemon(true);
      start();
    }

    void spin() throws InterruptedException {
      CountDownLatch done = new CountDownLatch(1);
      requests.put(done);
      done.await();
    }

    @Override
    public void run() {
      try {
        while (true) {
          CountDownLatch done = requests.take();
          long until = THREADS.getCurrentThreadCpuTime() + 20_000_000L;
          while (THREADS.getCurrentThreadCpuTime() < until) {
            sink += System.nanoTime() & 1;
          }
          done.countDown();
        }
      } catch (InterruptedException e) {
        // asked to end
      }
    }
  }
}
