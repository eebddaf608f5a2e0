using LabelStudio.Client.Http;
using LabelStudio.Client.Paging;
using LabelStudio.Client.Tokens;

namespace LabelStudio.Client.Users;

/// <summary>Users and the current user (whoami, legacy key, hotkeys).</summary>
public class UsersClient
{
    private readonly IResourcesApi _api = null!;

    /// <summary>For mocking.</summary>
    protected UsersClient()
    {
    }

    internal UsersClient(IResourcesApi api) => _api = api;

    /// <summary>Lists the organization's users.</summary>
    /// <param name="ordering">Ordering field (optional).</param>
    /// <returns>The users.</returns>
    [Operation("api_users_list")]
    public virtual LabelStudioPageable<User> List(string? ordering = null) => Pageables.Single(ct => _api.ListUsersAsync(ordering, ct));

    /// <summary>Creates a user.</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user.</returns>
    [Operation("api_users_create")]
    public virtual Task<User> CreateAsync(UserRequest user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _api.CreateUserAsync(user, cancellationToken);
    }

    /// <summary>Reads a user.</summary>
    /// <param name="id">User id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user.</returns>
    [Operation("api_users_retrieve")]
    public virtual Task<User> GetAsync(int id, CancellationToken cancellationToken = default) => _api.GetUserAsync(id, cancellationToken);

    /// <summary>Updates the fields set in <paramref name="changes"/>.</summary>
    /// <param name="id">User id.</param>
    /// <param name="changes">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user.</returns>
    [Operation("api_users_partial_update")]
    public virtual Task<User> UpdateAsync(int id, UserRequest changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return _api.UpdateUserAsync(id, changes, cancellationToken);
    }

    /// <summary>Deletes a user.</summary>
    /// <param name="id">User id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_users_destroy")]
    public virtual Task DeleteAsync(int id, CancellationToken cancellationToken = default) => _api.DeleteUserAsync(id, cancellationToken);

    /// <summary>The user the credential belongs to (a cheap connection check).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user.</returns>
    [Operation("api_current_user_whoami_retrieve")]
    public virtual Task<User> WhoAmIAsync(CancellationToken cancellationToken = default) => _api.WhoAmIAsync(cancellationToken);

    /// <summary>Reads the current user's legacy API key.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key (a secret: do not log it).</returns>
    [Operation("api_current_user_token_retrieve")]
    public virtual Task<LegacyToken> GetLegacyTokenAsync(CancellationToken cancellationToken = default) => _api.GetLegacyTokenAsync(cancellationToken);

    /// <summary>Replaces the current user's legacy API key; the old one stops working. Not retried.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new key (a secret: do not log it).</returns>
    [Operation("api_current_user_reset_token_create")]
    public virtual Task<LegacyToken> ResetLegacyTokenAsync(CancellationToken cancellationToken = default) => _api.ResetLegacyTokenAsync(cancellationToken);

    /// <summary>Reads the current user's hotkeys.</summary>
    /// <param name="projectId">Project-specific hotkeys (optional).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hotkeys.</returns>
    [Operation("api_current_user_hotkeys_retrieve")]
    public virtual Task<Hotkeys> GetHotkeysAsync(int? projectId = null, CancellationToken cancellationToken = default) => _api.GetHotkeysAsync(projectId, cancellationToken);

    /// <summary>Replaces the current user's hotkeys.</summary>
    /// <param name="hotkeys">The hotkeys.</param>
    /// <param name="projectId">Project-specific hotkeys (optional).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hotkeys.</returns>
    [Operation("api_current_user_hotkeys_partial_update")]
    public virtual Task<Hotkeys> UpdateHotkeysAsync(Hotkeys hotkeys, int? projectId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hotkeys);
        return _api.UpdateHotkeysAsync(hotkeys, projectId, cancellationToken);
    }
}
