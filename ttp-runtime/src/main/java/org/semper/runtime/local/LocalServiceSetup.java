package org.semper.runtime.local;

import java.util.List;

/**
 * What a service needs from the {@code local} profile.
 *
 * @param service  module name, e.g. {@code tsa-service}: names its data folder
 * @param database database name in the embedded PostgreSQL
 * @param keys     the keys to generate on first start
 */
public record LocalServiceSetup(String service, String database, List<LocalKeySpec> keys) {
}
