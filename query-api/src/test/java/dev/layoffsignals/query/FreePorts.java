package dev.layoffsignals.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on 127.0.0.1, asked of the OS by binding port 0, all sockets open at once so the
 * ports are distinct, then closed for the servers to bind. Needed before a query server starts:
 * its port goes into {@code application.server} before Kafka Streams is created.
 */
public final class FreePorts {

  private FreePorts() {
  }

  public static int[] take(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          // the port stays taken; the server binding it will say so
        }
      }
    }
  }
}
