package org.semper.runtime.log;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.NoteSigner;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/**
 * The log's identity: its origin and the Ed25519 key that signs its checkpoints as C2SP signed notes. The
 * verifier key ({@code <origin>+<keyid>+<key>}) is what monitors and courts pin.
 */
@ApplicationScoped
public class LogCheckpoints {

    private final String origin;
    private final SigningKey key;
    private final NoteSigner signer;

    @Inject
    public LogCheckpoints(LogConfig config, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.origin = config.origin().orElse("semper/" + application);
        this.key = KeySources.open(config.key(), "semper.log.key");
        if (!"Ed25519".equals(key.signatureAlgorithm())) {
            throw new KeySourceException("The log key " + key.description() + " must be Ed25519 (C2SP signed-note), not "
                    + key.signatureAlgorithm());
        }
        this.signer = new NoteSigner(origin, key.certificate().getPublicKey(), key::sign);
    }

    public String origin() {
        return origin;
    }

    /** The signed note of a checkpoint for this tree. */
    public String sign(long treeSize, byte[] rootHash) {
        return signer.sign(new Checkpoint(origin, treeSize, rootHash, java.util.List.of()).body());
    }

    /** PEM chain of the log key's certificate (leaf first), to publish beside the verifier key. */
    public String certificateChainPem() {
        return org.semper.runtime.keys.CertificatePem.encode(key.chain());
    }

    /** The C2SP verifier key of this log. */
    public String verifierKey() {
        return NoteSigner.verifierKey(origin, key.certificate().getPublicKey());
    }
}
