/**
 * Transparency logs as Semper's TTPs keep them: an append-only RFC 9162 Merkle tree of every statement a TTP
 * issues, C2SP checkpoints signed as C2SP signed notes (Ed25519), and offline C2SP {@code tlog-proof} bundles
 * that go with evidence to a court.
 *
 * <ul>
 *   <li>{@link org.semper.evidence.tlog.MerkleHash}, {@link org.semper.evidence.tlog.MerkleProofs},
 *       {@link org.semper.evidence.tlog.MerkleVerifier}: RFC 9162 §2.1 hashing, proofs and their verification,
 *       reading the tree only through {@link org.semper.evidence.tlog.SubtreeHashes} (perfect subtrees), which
 *       {@link org.semper.evidence.tlog.InMemoryMerkleTree} and a database store implement.</li>
 *   <li>{@link org.semper.evidence.tlog.Checkpoint}: the C2SP {@code tlog-checkpoint} note text.</li>
 *   <li>{@link org.semper.evidence.tlog.NoteSigner}, {@link org.semper.evidence.tlog.NoteVerifier},
 *       {@link org.semper.evidence.tlog.SignedNote}: C2SP {@code signed-note} with Ed25519 (type 0x01), compatible
 *       with Go's {@code golang.org/x/mod/sumdb/note} keys and notes. Witness cosignatures (C2SP
 *       {@code tlog-cosignature}, type 0x04) are carried and ignored as signatures of unknown keys.</li>
 *   <li>{@link org.semper.evidence.tlog.TlogProof}: the {@code c2sp.org/tlog-proof@v1} bundle.</li>
 * </ul>
 */
package org.semper.evidence.tlog;
