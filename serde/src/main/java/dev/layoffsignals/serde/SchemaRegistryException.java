package dev.layoffsignals.serde;

/**
 * A registry call that failed, carrying what the registry said so callers can tell "schema not
 * found" from "incompatible" from "registry down" without parsing text.
 *
 * <p>The error codes are Confluent's; the server in module {@code schema-registry} answers with the
 * same ones. {@link #httpStatus()} is {@link #NO_RESPONSE} when no answer came back at all
 * (connection refused, timeout), after the client's retries.
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@link #httpStatus()} and {@link #errorCode()} when the registry could not be reached. */
  public static final int NO_RESPONSE = 0;

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int STORE_ERROR = 50001;

  private final int httpStatus;
  private final int errorCode;
  private final String registryMessage;

  public SchemaRegistryException(int httpStatus, int errorCode, String registryMessage) {
    this(httpStatus, errorCode, registryMessage, null);
  }

  public SchemaRegistryException(int httpStatus, int errorCode, String registryMessage, Throwable cause) {
    super(registryMessage + " (HTTP " + httpStatus + ", error code " + errorCode + ")", cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage;
  }

  /** The HTTP status of the registry's answer, or {@link #NO_RESPONSE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code}, or {@link #NO_RESPONSE}. */
  public int errorCode() {
    return errorCode;
  }

  /** The registry's {@code message}, or what went wrong when it could not be reached. */
  public String registryMessage() {
    return registryMessage;
  }

  static SchemaRegistryException subjectNotFound(String subject) {
    return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static SchemaRegistryException versionNotFound(String subject, int version) {
    return new SchemaRegistryException(404, VERSION_NOT_FOUND,
        "Version " + version + " not found in subject '" + subject + "'.");
  }

  static SchemaRegistryException schemaNotFound() {
    return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found");
  }

  static SchemaRegistryException schemaIdNotFound(int id) {
    return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }
}
