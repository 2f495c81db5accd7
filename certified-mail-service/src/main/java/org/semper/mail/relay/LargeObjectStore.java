package org.semper.mail.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Ciphertexts as PostgreSQL large objects: created, written and unlinked in the caller's transaction, so a
 * rolled-back submission leaves nothing behind. Written and read in 64 KiB chunks.
 */
public final class LargeObjectStore implements ContentStore {

    @Override
    public Location keep(Connection connection, SpooledContent content, String exchangeId) throws SQLException, IOException {
        LargeObjectManager objects = objects(connection);
        long oid = objects.createLO(LargeObjectManager.READWRITE);
        LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
        try (InputStream in = Files.newInputStream(content.file()); OutputStream out = object.getOutputStream()) {
            in.transferTo(out);
        }
        return new Location(oid, null);
    }

    @Override
    public void forget(Location location) {
        // the large object went with the rolled-back transaction
    }

    @Override
    public InputStream open(Connection connection, MailMessage message) throws SQLException {
        LargeObject object = objects(connection).open(message.contentOid(), LargeObjectManager.READ);
        return object.getInputStream();
    }

    @Override
    public void delete(Connection connection, MailMessage message) throws SQLException {
        if (message.contentOid() != null) {
            objects(connection).unlink(message.contentOid());
        }
    }

    private static LargeObjectManager objects(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getLargeObjectAPI();
    }
}
