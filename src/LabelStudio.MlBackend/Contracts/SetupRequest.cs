using System.Text.Json;

namespace LabelStudio.MlBackend.Contracts;

/// <summary>A <c>POST /setup</c> call, sent by Label Studio on every connection check.</summary>
/// <param name="ProjectId">The project id (digits).</param>
/// <param name="Schema">The labeling config XML, when sent.</param>
/// <param name="Hostname">The Label Studio URL, when sent.</param>
/// <param name="AccessToken">The API token of the project's creator: a secret, never log it.</param>
/// <param name="ExtraParams">The backend's extra params: an object, or a JSON string already parsed; null when none.</param>
public sealed record SetupRequest(string ProjectId, string? Schema, string? Hostname, string? AccessToken, JsonElement? ExtraParams)
{
    /// <summary>Keeps the access token out of logs and debugger views.</summary>
    /// <returns>The request without its secret.</returns>
    public override string ToString() =>
        $"SetupRequest {{ ProjectId = {ProjectId}, Hostname = {Hostname}, AccessToken = {(AccessToken is null ? "null" : "***")} }}";
}
