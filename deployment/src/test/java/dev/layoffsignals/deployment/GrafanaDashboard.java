package dev.layoffsignals.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metrics a provisioned Grafana dashboard ({@code docker/grafana/dashboards}) queries. */
final class GrafanaDashboard {

  /** A metric selector: a name directly followed by its label matchers (every query of ours has some). */
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

  private GrafanaDashboard() {
  }

  /** The metric names of every panel's queries and of the template variables. */
  static Set<String> metricNames(JsonNode dashboard) {
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        add(target.path("expr").asText(), names);
      }
    }
    return names;
  }

  private static void add(String expr, Set<String> names) {
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      names.add(m.group(1));
    }
  }

  /** The meter a Prometheus series belongs to: a timer's {@code _sum}, {@code _count}, {@code _max} are the timer's. */
  static String meterName(String series) {
    for (String suffix : new String[] {"_sum", "_count", "_max", "_bucket"}) {
      if (series.endsWith(suffix)) {
        return series.substring(0, series.length() - suffix.length());
      }
    }
    return series;
  }
}
