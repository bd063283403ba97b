package dev.layoffsignals.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on 127.0.0.1, asked of the OS by binding port 0.
 *
 * <p>The sockets are all open at the same time so two requested ports are distinct, then closed so
 * the broker can bind them. Another process could take a port in between; the OS hands out ephemeral
 * ports in sequence, which makes that rare, and the broker then fails to start with a clear error.
 */
final class FreePorts {

  private FreePorts() {}

  /** {@code requested} with every 0 replaced by a distinct free port. */
  static int[] resolve(int... requested) {
    List<ServerSocket> sockets = new ArrayList<>();
    int[] ports = requested.clone();
    try {
      for (int i = 0; i < ports.length; i++) {
        if (ports[i] == 0) {
          ServerSocket socket =
              new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.HOST));
          sockets.add(socket);
          ports[i] = socket.getLocalPort();
        }
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port on " + BrokerProperties.HOST, e);
    } finally {
      closeAll(sockets);
    }
  }

  private static void closeAll(List<ServerSocket> sockets) {
    UncheckedIOException failure = null;
    for (ServerSocket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = new UncheckedIOException("Could not release a probed port", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
