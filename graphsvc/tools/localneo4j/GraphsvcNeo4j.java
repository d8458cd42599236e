import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Embedded Neo4j Community DBMS with the Bolt connector on a loopback port, for machines without Docker.
 *
 * Usage: GraphsvcNeo4j DATA_DIR PORT PAGECACHE_MB
 * Runs until SIGTERM/SIGINT, then shuts the DBMS down cleanly (a shutdown hook).
 */
public final class GraphsvcNeo4j {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: GraphsvcNeo4j DATA_DIR PORT PAGECACHE_MB");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCacheBytes = Long.parseLong(args[2]) * 1024L * 1024L;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
                // While the database stops or starts, a new transaction waits this long for it
                // before DatabaseUnavailable (2 s by default): the service answers 503 sooner.
                .setConfig(GraphDatabaseInternalSettings.transaction_start_timeout, Duration.ofMillis(300))
                // A write waits at most this long for a lock another transaction holds (no limit
                // by default but the query timeout): the service answers 503 in seconds instead of
                // holding a thread, and its callers, for the whole query timeout.
                .setConfig(GraphDatabaseSettings.lock_acquisition_timeout, Duration.ofSeconds(2))
                .build();
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("graphsvc-neo4j: shutting down");
            dbms.shutdown();
            stopped.countDown();
        }));
        System.out.println("graphsvc-neo4j: bolt listening on 127.0.0.1:" + port + " data in " + home);
        System.out.flush();
        stopped.await();
    }
}
