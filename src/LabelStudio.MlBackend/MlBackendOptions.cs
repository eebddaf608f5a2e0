namespace LabelStudio.MlBackend;

/// <summary>Options of the ML backend server.</summary>
public sealed class MlBackendOptions
{
    /// <summary>Basic auth user; when null, the <c>BASIC_AUTH_USER</c> configuration value (environment variable) is used.</summary>
    public string? BasicAuthUser { get; set; }

    /// <summary>Basic auth password; when null, <c>BASIC_AUTH_PASS</c> is used. Auth is on when both user and password are set.</summary>
    public string? BasicAuthPassword { get; set; }

    /// <summary>How <c>/webhook</c> is authenticated when basic auth is on.</summary>
    public WebhookAuthentication WebhookAuthentication { get; set; }

    /// <summary>The webhook user for <see cref="WebhookAuthentication.Separate"/>.</summary>
    public string? WebhookUser { get; set; }

    /// <summary>The webhook password for <see cref="WebhookAuthentication.Separate"/>.</summary>
    public string? WebhookPassword { get; set; }

    /// <summary>Largest request body accepted, in bytes (413 above). Default 64 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Include exception stack traces in 500 bodies (off by default: they reveal internals).</summary>
    public bool IncludeErrorDetails { get; set; }

    /// <summary>Where the default <see cref="State.FileProjectStateStore"/> keeps per-project state. Default <c>./ml-backend-data</c>.</summary>
    public string DataDirectory { get; set; } = "ml-backend-data";

    /// <summary>How many projects may wait for training at once (503 above). Default 1,000.</summary>
    public int MaxPendingTrainingProjects { get; set; } = 1000;

    /// <summary>How many events one training batch keeps (older ones are counted, not kept). Default 1,000.</summary>
    public int MaxEventsPerTrainingBatch { get; set; } = 1000;
}
