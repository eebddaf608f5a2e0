namespace LabelStudio.MlBackend.Server;

/// <summary>A request Label Studio could not have meant: answered 400 with the message.</summary>
internal sealed class BadRequestException(string message, int statusCode = 400) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
