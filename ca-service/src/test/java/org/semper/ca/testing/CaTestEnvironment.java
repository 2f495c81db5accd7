package org.semper.ca.testing;

import org.semper.ca.CaMain;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

/** The CA's test environment: a real embedded PostgreSQL and an issuing CA key under a throw-away root. */
public class CaTestEnvironment extends LocalEnvironmentTestResource {

    @Override
    protected LocalServiceSetup setup() {
        return CaMain.LOCAL_SETUP;
    }
}
