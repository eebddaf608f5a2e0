namespace LabelStudio.MlBackend;

/// <summary>How <c>POST /webhook</c> is authenticated when basic auth is on.</summary>
public enum WebhookAuthentication
{
    /// <summary>The same credentials as every other endpoint (Label Studio's auto-created webhook sends none: add the header to the webhook).</summary>
    SameAsOtherEndpoints = 0,

    /// <summary>No authentication for <c>/webhook</c> (what Label Studio's auto-created webhooks need).</summary>
    Exempt = 1,

    /// <summary>Separate credentials: <see cref="MlBackendOptions.WebhookUser"/> and <see cref="MlBackendOptions.WebhookPassword"/>.</summary>
    Separate = 2,
}
