using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudio.Client.Tests.Infrastructure;

/// <summary>A client wired through the real DI pipeline (auth, resilience, error mapping) onto a recording handler.</summary>
internal sealed class TestClient : IDisposable
{
    public const string LegacyKey = "0123456789abcdef0123456789abcdef01234567";

    private readonly ServiceProvider _services;

    public TestClient(RecordingHandler handler, Action<LabelStudioClientOptions>? configure = null, FakeTimeProvider? time = null)
    {
        Handler = handler;
        Time = time ?? new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1764000010));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(Logs)));
        services.AddLabelStudioClient(o =>
        {
            o.BaseUrl = new Uri("http://127.0.0.1:8080/");
            o.ApiKey = LegacyKey;
            o.RetryBaseDelay = TimeSpan.Zero;
            o.RetryMaxDelay = TimeSpan.FromSeconds(30);
            o.Polling = new PollingOptions { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero, Timeout = TimeSpan.FromMinutes(10) };
            configure?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(_ => handler);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<LabelStudioClient>();
    }

    public RecordingHandler Handler { get; }

    public FakeTimeProvider Time { get; }

    public LabelStudioClient Client { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    public IServiceProvider Services => _services;

    public void Dispose() => _services.Dispose();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(sink, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            sink.Enqueue($"{category}|{logLevel}|{formatter(state, exception)}|{structured}|{exception}");
        }
    }
}
