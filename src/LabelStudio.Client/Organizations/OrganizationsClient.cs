using LabelStudio.Client.Http;
using LabelStudio.Client.Paging;

namespace LabelStudio.Client.Organizations;

/// <summary>Organizations, members, the invite link and the session policy.</summary>
public class OrganizationsClient
{
    private readonly LabelStudioHttp _http = null!;
    private readonly IResourcesApi _api = null!;

    /// <summary>For mocking.</summary>
    protected OrganizationsClient()
    {
    }

    internal OrganizationsClient(LabelStudioHttp http, IResourcesApi api)
    {
        _http = http;
        _api = api;
    }

    /// <summary>Lists the organizations the user belongs to.</summary>
    /// <returns>The organizations.</returns>
    [Operation("api_organizations_list")]
    public virtual LabelStudioPageable<Organization> List() => Pageables.Single(ct => _api.ListOrganizationsAsync(null, ct));

    /// <summary>Reads an organization.</summary>
    /// <param name="id">Organization id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The organization.</returns>
    [Operation("api_organizations_retrieve")]
    public virtual Task<Organization> GetAsync(int id, CancellationToken cancellationToken = default) => _api.GetOrganizationAsync(id, cancellationToken);

    /// <summary>Lists an organization's members, page by page.</summary>
    /// <param name="id">Organization id.</param>
    /// <returns>The members.</returns>
    [Operation("api_organizations_memberships_list")]
    public virtual LabelStudioPageable<OrganizationMember> ListMembers(int id) =>
        Pageables.Envelope<OrganizationMember>((page, size, ct) => _api.ListMembersAsync(id, page, size, ct), _http.Options.PageSize);

    /// <summary>Reads a membership.</summary>
    /// <param name="id">Organization id.</param>
    /// <param name="userId">User id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The membership.</returns>
    [Operation("api_organizations_memberships_retrieve")]
    public virtual Task<OrganizationMember> GetMemberAsync(int id, int userId, CancellationToken cancellationToken = default) => _api.GetMemberAsync(id, userId, cancellationToken);

    /// <summary>Removes a user from an organization.</summary>
    /// <param name="id">Organization id.</param>
    /// <param name="userId">User id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    [Operation("api_organizations_memberships_destroy")]
    public virtual Task RemoveMemberAsync(int id, int userId, CancellationToken cancellationToken = default) => _api.RemoveMemberAsync(id, userId, cancellationToken);

    /// <summary>Reads the invite link.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invite.</returns>
    [Operation("api_invite_retrieve")]
    public virtual Task<OrganizationInvite> GetInviteAsync(CancellationToken cancellationToken = default) => _api.GetInviteAsync(cancellationToken);

    /// <summary>Replaces the invite token; old links stop working.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new invite.</returns>
    [Operation("api_invite_reset_token_create")]
    public virtual Task<OrganizationInvite> ResetInviteTokenAsync(CancellationToken cancellationToken = default) => _api.ResetInviteTokenAsync(cancellationToken);

    /// <summary>Reads the session timeout policy.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policy.</returns>
    [Operation("api_session_policy_retrieve")]
    public virtual Task<SessionPolicy> GetSessionPolicyAsync(CancellationToken cancellationToken = default) => _api.GetSessionPolicyAsync(cancellationToken);

    /// <summary>Changes the session timeout policy.</summary>
    /// <param name="policy">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policy.</returns>
    [Operation("api_session_policy_partial_update")]
    public virtual Task<SessionPolicy> UpdateSessionPolicyAsync(SessionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return _api.UpdateSessionPolicyAsync(policy, cancellationToken);
    }
}
