-- Serial numbers are handed out in blocks: serial = nextval * block size + i (see SerialNumberAllocator).
CREATE SEQUENCE tsa_serial_block START WITH 1 INCREMENT BY 1 NO CYCLE;

-- Every token the TSA released, committed before its reply was sent.
CREATE TABLE issued_token (
    serial_number  NUMERIC(49, 0) PRIMARY KEY,
    gen_time       TIMESTAMPTZ    NOT NULL,
    policy         VARCHAR(255)   NOT NULL,
    hash_algorithm VARCHAR(16)    NOT NULL,
    imprint        BYTEA          NOT NULL,
    nonce          NUMERIC(80, 0),
    token          BYTEA          NOT NULL
);

CREATE INDEX issued_token_gen_time ON issued_token (gen_time);
