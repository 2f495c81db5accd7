/** The party's key and certificate (PKCS#12) and its enrollment with the CA over EST or REST. */
package org.semper.agent.identity;
