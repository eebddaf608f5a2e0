using Polly.Timeout;

namespace LabelStudio.Client.Http;

/// <summary>Maps failures below HTTP (timeouts of the resilience pipeline) to standard .NET exceptions naming the call.</summary>
internal static class TransportErrors
{
    public static Exception Translate(HttpRequestMessage? request, Exception exception) => exception switch
    {
        TimeoutRejectedException timeout => new TimeoutException(
            $"Label Studio did not answer {request?.Method} {request?.RequestUri?.AbsolutePath} within {timeout.Timeout} (attempt timeout; raise LabelStudioClientOptions.Timeout or LongOperationTimeout).",
            exception),
        _ => exception,
    };
}
