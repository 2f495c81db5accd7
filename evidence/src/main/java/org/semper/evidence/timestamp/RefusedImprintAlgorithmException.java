package org.semper.evidence.timestamp;

/** An imprint was to be made with a hash algorithm that {@link ImprintAlgorithm#accepted()} refuses. */
public final class RefusedImprintAlgorithmException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient ImprintAlgorithm algorithm;

    public RefusedImprintAlgorithmException(ImprintAlgorithm algorithm) {
        super(algorithm.jcaName() + " is refused for time-stamp imprints");
        this.algorithm = algorithm;
    }

    public ImprintAlgorithm algorithm() {
        return algorithm;
    }
}
