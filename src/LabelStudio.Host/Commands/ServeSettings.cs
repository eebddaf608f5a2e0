using LabelStudio.Host.Models;

namespace LabelStudio.Host.Commands;

/// <summary>The settings of one <c>serve</c> run.</summary>
internal sealed record ServeSettings(string Host, int Port, BuiltInModelSelection Model, string DataDirectory, bool ExemptWebhook, string? LabelStudioUrl = null);
