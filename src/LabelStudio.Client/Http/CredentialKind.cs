namespace LabelStudio.Client.Http;

/// <summary>What the configured key is, told apart by its shape.</summary>
internal enum CredentialKind
{
    /// <summary>An opaque legacy key: <c>Authorization: Token &lt;key&gt;</c>.</summary>
    LegacyToken,

    /// <summary>A personal access token (JWT refresh token): exchanged for access tokens.</summary>
    PersonalAccessToken,

    /// <summary>A JWT access token given directly: sent as Bearer until it expires.</summary>
    AccessToken,
}
