package org.semper.evidence.timestamp;

/** A digest handed in as an imprint does not have the length of its algorithm's output. */
public final class ImprintLengthException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient ImprintAlgorithm algorithm;
    private final int actualLength;

    public ImprintLengthException(ImprintAlgorithm algorithm, int actualLength) {
        super("a " + algorithm.jcaName() + " digest has " + algorithm.digestLength() + " bytes, not " + actualLength);
        this.algorithm = algorithm;
        this.actualLength = actualLength;
    }

    public ImprintAlgorithm algorithm() {
        return algorithm;
    }

    public int actualLength() {
        return actualLength;
    }
}
