using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace LabelStudio.Client.Http;

/// <summary>
/// The retry and timeout pipeline of every Label Studio call: retries only what is safe to replay
/// (reference client.md §10.2), on 408/429/5xx and transport errors, with jittered exponential backoff,
/// honouring Retry-After capped at the maximum delay, and an attempt timeout that a call can lengthen.
/// </summary>
internal static class ResiliencePipelineSetup
{
    public const string PipelineName = "LabelStudio.Client";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, LabelStudioClientOptions options, TimeProvider timeProvider, Action<RetryLog>? onRetry)
    {
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome)),
                DelayGenerator = args =>
                {
                    // Retry-After (seconds, HTTP date or retry-after-ms) wins over the backoff, capped at MaxDelay.
                    if (args.Outcome.Result is { } response && ErrorResponseParser.RetryAfterOf(response, timeProvider.GetUtcNow()) is { } wait)
                    {
                        return ValueTask.FromResult<TimeSpan?>(wait > options.RetryMaxDelay ? options.RetryMaxDelay : wait);
                    }

                    return ValueTask.FromResult<TimeSpan?>(null);
                },
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    onRetry?.Invoke(new RetryLog(
                        request?.Method.Method ?? "?",
                        request?.RequestUri?.AbsolutePath ?? "?",
                        args.AttemptNumber + 1,
                        args.RetryDelay,
                        args.Outcome.Result is { } r ? (int)r.StatusCode : null,
                        args.Outcome.Exception?.GetType().Name));
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args =>
            {
                var request = args.Context.GetRequestMessage();
                return ValueTask.FromResult(request is not null && request.Options.TryGetValue(RequestReplay.TimeoutKey, out var timeout) ? timeout : options.Timeout);
            },
        });
    }

    internal static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var request = context.GetRequestMessage();
        if (request is null)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            if (exception is OperationCanceledException)
            {
                return false;
            }

            if (IsConnectFailure(exception))
            {
                // The request never reached the server: replaying cannot duplicate anything, if the body can be re-read.
                return RequestReplay.CanReplay(request);
            }

            return (exception is HttpRequestException or TimeoutRejectedException) && RequestReplay.IsSafeToRetry(request);
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        var transient = status is 408 or 429 or 500 or 502 or 503 or 504;
        return transient && RequestReplay.IsSafeToRetry(request);
    }

    private static bool IsConnectFailure(Exception exception)
    {
        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            return exception.InnerException is not IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset } };
        }

        return exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound } };
    }
}

/// <summary>One retry decision, for logging (never carries headers or bodies).</summary>
internal readonly record struct RetryLog(string Method, string Path, int Attempt, TimeSpan Delay, int? Status, string? Exception);
