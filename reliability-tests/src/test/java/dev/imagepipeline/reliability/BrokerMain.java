package dev.imagepipeline.reliability;

import java.io.IOException;
import java.nio.file.Path;

import dev.imagepipeline.embeddedkafka.KraftBroker;

/**
 * The broker as a process of its own, so that the suite can kill and restart it like any service: a fixed port and data
 * directory, so that a restart keeps every record.
 */
final class BrokerMain {

    static final String READY = "fault-suite broker ready";

    private BrokerMain() {
    }

    /** @param args the data directory and the client port */
    public static void main(String[] args) throws IOException {
        var broker = KraftBroker.start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println(READY + " on " + broker.bootstrapServers());
        // The suite holds the other end of stdin: when it goes, whatever the way, the broker goes too.
        while (System.in.read() != -1) {
            // Nothing is ever sent; reading only waits for the end.
        }
        System.exit(0);
    }
}
