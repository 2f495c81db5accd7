package org.semper.tsa.clock;

import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SNTP server on 127.0.0.1 for tests, whose clock runs {@code shift} ahead of the local one (behind when
 * negative). It can also stay silent or misbehave.
 */
final class SntpTestServer implements AutoCloseable {

    enum Behaviour {
        /** Answers correctly with the shifted time. */
        ANSWER,
        /** Receives requests and never answers. */
        SILENT,
        /** Answers with leap indicator 3: "I am not synchronised myself". */
        UNSYNCHRONISED,
        /** Answers without echoing the request's transmit time (a stale or forged reply). */
        FOREIGN_ORIGINATE
    }

    private final DatagramSocket socket;
    private final Duration shift;
    private final Behaviour behaviour;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread thread;

    private SntpTestServer(Duration shift, Behaviour behaviour) throws IOException {
        this.shift = shift;
        this.behaviour = behaviour;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "sntp-test-server-" + socket.getLocalPort());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static SntpTestServer shiftedBy(Duration shift) throws IOException {
        return new SntpTestServer(shift, Behaviour.ANSWER);
    }

    static SntpTestServer behaving(Behaviour behaviour) throws IOException {
        return new SntpTestServer(Duration.ZERO, behaviour);
    }

    /** {@code 127.0.0.1:port}, as configured in {@code semper.tsa.clock.ntp-servers}. */
    String address() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    int requests() {
        return requests.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            NtpV3Impl request = new NtpV3Impl();
            DatagramPacket received = request.getDatagramPacket();
            try {
                socket.receive(received);
            } catch (IOException e) {
                return; // closed
            }
            requests.incrementAndGet();
            if (behaviour == Behaviour.SILENT) {
                continue;
            }
            long receivedAt = System.currentTimeMillis() + shift.toMillis();
            NtpV3Impl reply = new NtpV3Impl();
            reply.setMode(NtpV3Packet.MODE_SERVER);
            reply.setVersion(request.getVersion());
            reply.setLeapIndicator(behaviour == Behaviour.UNSYNCHRONISED
                    ? NtpV3Packet.LI_ALARM_CONDITION : NtpV3Packet.LI_NO_WARNING);
            reply.setStratum(2);
            reply.setReferenceId(0x7f000001);
            reply.setReferenceTime(TimeStamp.getNtpTime(receivedAt));
            reply.setOriginateTimeStamp(behaviour == Behaviour.FOREIGN_ORIGINATE
                    ? TimeStamp.getNtpTime(receivedAt - Duration.ofHours(1).toMillis())
                    : request.getTransmitTimeStamp());
            reply.setReceiveTimeStamp(TimeStamp.getNtpTime(receivedAt));
            reply.setTransmitTime(TimeStamp.getNtpTime(System.currentTimeMillis() + shift.toMillis()));
            DatagramPacket answer = reply.getDatagramPacket();
            answer.setSocketAddress(received.getSocketAddress());
            try {
                socket.send(answer);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
