package org.opora.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between Opora and a server of the test (PostgreSQL, SMTP), for faults the
 * test injects without touching the server, which others may share: {@link #cut()} drops every open
 * connection and refuses new ones (as a server that went down), {@link #restore()} listens again on the
 * same port, {@link #slowDown(Duration)} holds each chunk the server sends back (a server that answers slowly).
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public int port() {
        return port;
    }

    /** The server goes away: open connections are reset, new ones refused. */
    public synchronized void cut() throws IOException {
        listener.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** The server is back on the same port. */
    public synchronized void restore() throws IOException {
        if (listener.isClosed()) {
            listener = listen(port);
            accept(listener);
        }
    }

    /** Each chunk the server sends back is held this long first (zero: at once). */
    public void slowDown(Duration by) {
        delay = by;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return socket;
    }

    private void accept(ServerSocket on) {
        Thread acceptor = new Thread(() -> {
            while (!on.isClosed() && !closed) {
                try {
                    Socket client = on.accept();
                    Socket server;
                    try {
                        server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    } catch (IOException unreachable) {
                        closeQuietly(client);
                        continue;
                    }
                    open.add(client);
                    open.add(server);
                    pipe(client, server, false);
                    pipe(server, client, true);
                } catch (IOException stopped) {
                    return;
                }
            }
        }, "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pipe(Socket from, Socket to, boolean fromServer) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    Duration hold = delay;
                    if (fromServer && !hold.isZero()) {
                        Thread.sleep(hold.toMillis());
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // one side closed or the proxy cut the connection
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
