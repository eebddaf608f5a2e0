using System.Text.Json;
using LabelStudio.Client.Http;
using LabelStudio.Client.Paging;

namespace LabelStudio.Client.Webhooks;

/// <summary>Webhooks Label Studio calls on events.</summary>
public class WebhooksClient
{
    private readonly IResourcesApi _api = null!;

    /// <summary>For mocking.</summary>
    protected WebhooksClient()
    {
    }

    internal WebhooksClient(IResourcesApi api) => _api = api;

    /// <summary>Lists webhooks.</summary>
    /// <param name="projectId">Only this project's (null: all).</param>
    /// <returns>The webhooks.</returns>
    [Operation("api_webhooks_list")]
    public virtual LabelStudioPageable<Webhook> List(int? projectId = null) => Pageables.Single(ct => _api.ListWebhooksAsync(projectId, ct));

    /// <summary>Creates a webhook.</summary>
    /// <param name="webhook">URL at least.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The webhook.</returns>
    [Operation("api_webhooks_create")]
    public virtual Task<Webhook> CreateAsync(WebhookRequest webhook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return _api.CreateWebhookAsync(webhook, cancellationToken);
    }

    /// <summary>Reads a webhook.</summary>
    /// <param name="id">Webhook id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The webhook.</returns>
    [Operation("api_webhooks_retrieve")]
    public virtual Task<Webhook> GetAsync(int id, CancellationToken cancellationToken = default) => _api.GetWebhookAsync(id, cancellationToken);

    /// <summary>Updates the fields set in <paramref name="changes"/>.</summary>
    /// <param name="id">Webhook id.</param>
    /// <param name="changes">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The webhook.</returns>
    [Operation("api_webhooks_partial_update")]
    public virtual Task<Webhook> UpdateAsync(int id, WebhookRequest changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return _api.UpdateWebhookAsync(id, changes, cancellationToken);
    }

    /// <summary>Deletes a webhook.</summary>
    /// <param name="id">Webhook id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_webhooks_destroy")]
    public virtual Task DeleteAsync(int id, CancellationToken cancellationToken = default) => _api.DeleteWebhookAsync(id, cancellationToken);

    /// <summary>Describes the webhook actions (event name → description).</summary>
    /// <param name="organizationOnly">Only organization-level actions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Action key → description object.</returns>
    [Operation("api_webhooks_info_retrieve")]
    public virtual async Task<IReadOnlyDictionary<string, JsonElement>> GetActionsInfoAsync(bool? organizationOnly = null, CancellationToken cancellationToken = default) =>
        await _api.GetWebhookInfoAsync(organizationOnly, cancellationToken).ConfigureAwait(false) ?? [];
}
