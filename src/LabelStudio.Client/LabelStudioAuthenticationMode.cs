namespace LabelStudio.Client;

/// <summary>Which header carries the credential.</summary>
public enum LabelStudioAuthenticationMode
{
    /// <summary><c>Authorization: Token &lt;key&gt;</c> or <c>Authorization: Bearer &lt;access token&gt;</c>.</summary>
    Authorization = 0,

    /// <summary><c>X-Api-Key: &lt;key or access token&gt;</c>, leaving Authorization to a proxy in front of Label Studio.</summary>
    XApiKey = 1,
}
