package org.semper.tsa.record;

import java.math.BigInteger;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Read side of the issued-token record (rows are written in batches by {@link TokenRecorder}). */
@Entity
@Table(name = "issued_token")
public class IssuedTokenEntity extends PanacheEntityBase {

    @Id
    @Column(name = "serial_number")
    public BigInteger serialNumber;

    @Column(name = "gen_time")
    public Instant genTime;

    public String policy;

    @Column(name = "hash_algorithm")
    public String hashAlgorithm;

    public byte[] imprint;

    public BigInteger nonce;

    public byte[] token;

    public static long countAll() {
        return count();
    }
}
