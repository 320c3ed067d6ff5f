package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL that wildfly-config/bin/local-postgres.sh runs (for run.sh and these tests): its socket
 * directory is the PostgreSQL user's alone, and a connection over that socket without a password is refused.
 */
class LocalPostgresIT {

    private final Path home = Path.of(ItEnvironment.pgHome());

    @Test
    void theSocketDirectoryIsPrivateToThePostgresUser() throws IOException {
        Path run = home.resolve("run");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
        assertThat(Files.getOwner(run)).isEqualTo(Files.getOwner(home.resolve("data")));
        assertThat(run.resolve(".s.PGSQL." + ItEnvironment.pgPort())).exists();
    }

    @Test
    void aLocalConnectionWithoutPasswordIsAskedForOne() throws IOException {
        // the protocol's StartupMessage over the Unix socket; "trust" would answer AuthenticationOk (0) at once
        try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.connect(UnixDomainSocketAddress.of(home.resolve("run/.s.PGSQL." + ItEnvironment.pgPort())));
            byte[] params = "user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer startup = ByteBuffer.allocate(8 + params.length).putInt(8 + params.length).putInt(196608).put(params);
            socket.write(startup.flip());
            ByteBuffer answer = ByteBuffer.allocate(9);
            while (answer.hasRemaining() && socket.read(answer) >= 0) {
                // read the message type, its length and the authentication code
            }
            answer.flip();
            byte type = answer.get();
            answer.getInt();
            int code = answer.getInt();
            assertThat((char) type).isEqualTo('R');
            assertThat(code).as("authentication request (0 = ok without password, 10 = SASL/SCRAM)").isEqualTo(10);
        }
    }
}
