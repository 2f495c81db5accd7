package org.semper.tsa.testing;

import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.testing.LocalEnvironmentTestResource;
import org.semper.tsa.TsaMain;

/** The TSA's test environment: a real embedded PostgreSQL and a time-stamping key under a throw-away trust anchor. */
public class TsaTestEnvironment extends LocalEnvironmentTestResource {

    @Override
    protected LocalServiceSetup setup() {
        return TsaMain.LOCAL_SETUP;
    }
}
