/** What each running instance serves over HTTP: the query API, the dashboard, metrics and health. */
package dev.layoffsignals.query;
