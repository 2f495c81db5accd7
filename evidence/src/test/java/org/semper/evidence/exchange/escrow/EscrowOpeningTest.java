package org.semper.evidence.exchange.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.testing.TestPki;

class EscrowOpeningTest {
    private final KeyPair ttp = StatementPki.ecKey("secp256r1");
    private final byte[] key = Hashes.random32();
    private final byte[] label = EscrowLabel.of("semper-px/1", Hashes.h(new byte[] {1}), Hashes.h(new byte[] {2}),
            Hashes.h(new byte[] {3}));

    @Test
    void theTtpOpensWhatWasSealedForItUnderTheSameLabel() {
        byte[] ek = EscrowOpening.seal(ttp.getPublic(), key, label);
        assertThat(ek).hasSize(EscrowOpening.ESCROW_LENGTH);
        assertThat(ek[0]).isEqualTo((byte) 0x04);
        assertThat(EscrowOpening.open(ttp.getPrivate(), ek, label)).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
        assertThat(EscrowOpening.seal(ttp.getPublic(), key, label)).isNotEqualTo(ek);
    }

    @Test
    void anotherLabelAnotherKeyOrAnAlteredEscrowDoesNotOpen() {
        byte[] ek = EscrowOpening.seal(ttp.getPublic(), key, label);
        byte[] otherLabel = EscrowLabel.of("semper-cm/1", Hashes.h(new byte[] {1}), Hashes.h(new byte[] {2}),
                Hashes.h(new byte[] {3}));
        assertThat(EscrowOpening.open(ttp.getPrivate(), ek, otherLabel)).isEmpty();
        assertThat(EscrowOpening.open(StatementPki.ecKey("secp256r1").getPrivate(), ek, label)).isEmpty();
        for (int i : new int[] {0, 1, 64, 65, 100, ek.length - 1}) {
            byte[] altered = ek.clone();
            altered[i] ^= 1;
            assertThat(EscrowOpening.open(ttp.getPrivate(), altered, label)).as("byte %d", i).isEmpty();
        }
        assertThat(EscrowOpening.open(ttp.getPrivate(), new byte[10], label)).isEmpty();
        assertThat(EscrowOpening.open(ttp.getPrivate(), new byte[EscrowOpening.ESCROW_LENGTH], label)).isEmpty();
    }

    @Test
    void theLabelIsTheProtocolTagANulAndThreeRawDigests() {
        byte[] hashCipher = Hashes.sha256(new byte[] {1});
        assertThat(label).hasSize("semper-px/1".length() + 1 + 96);
        assertThat(new String(label, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("semper-px/1");
        assertThat(label[11]).isZero();
        assertThat(java.util.Arrays.copyOfRange(label, 12, 44)).isEqualTo(hashCipher);
    }

    @Test
    void anEscrowKeyFromAPkcs12FileOpens() throws Exception {
        TestPki.Ca ca = TestPki.rootCa("Escrow CA");
        Certificate certificate = StatementPki.certificate(ca, "Escrow", ttp, StatementPki.LEAF_NOT_BEFORE,
                StatementPki.LEAF_NOT_AFTER, new KeyUsage(KeyUsage.keyAgreement), null);
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("escrow", ttp.getPrivate(), password, new Certificate[] {certificate});
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        store.store(file, password);
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        loaded.load(new ByteArrayInputStream(file.toByteArray()), password);
        PrivateKey fromFile = (PrivateKey) loaded.getKey("escrow", password);

        byte[] ek = EscrowOpening.seal(loaded.getCertificate("escrow").getPublicKey(), key, label);
        assertThat(EscrowOpening.open(fromFile, ek, label)).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
    }

    @Test
    void keysThatAreNotInMemoryP256AreRefused() {
        assertThatThrownBy(() -> EscrowOpening.open(StatementPki.rsaKey(2048).getPrivate(), new byte[113], label))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#11");
        assertThatThrownBy(() -> EscrowOpening.seal(StatementPki.ecKey("secp384r1").getPublic(), key, label))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EscrowOpening.open(StatementPki.ecKey("secp384r1").getPrivate(), new byte[113], label))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentDecryptsOnlyWithItsKeyAndUnaltered() {
        byte[] plain = "goods".getBytes(StandardCharsets.UTF_8);
        byte[] c = ContentCipher.encrypt(key, plain);
        assertThat(ContentCipher.decrypt(key, c)).hasValueSatisfying(p -> assertThat(p).isEqualTo(plain));
        assertThat(ContentCipher.decrypt(Hashes.random32(), c)).isEmpty();
        c[c.length - 1] ^= 1;
        assertThat(ContentCipher.decrypt(key, c)).isEmpty();
        assertThat(ContentCipher.decrypt(key, new byte[5])).isEmpty();
    }
}
