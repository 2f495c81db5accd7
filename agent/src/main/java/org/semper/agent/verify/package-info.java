/**
 * Reading evidence as users hand it over (files, hex, base64, verifier keys) with errors that say what to do next,
 * and small wrappers that turn evidence-library outcomes into results. No verification rule lives here.
 */
package org.semper.agent.verify;
