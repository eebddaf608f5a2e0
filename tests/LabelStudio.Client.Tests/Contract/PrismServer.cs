using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LabelStudio.Client.Tests.Contract;

/// <summary>
/// Installs (npm ci, pinned by the checked-in lockfile) and runs the Prism mock server on 127.0.0.1 with a free port,
/// serving the patched official spec with request validation (--errors). Fails loudly when Node.js is missing.
/// </summary>
internal sealed class PrismServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private PrismServer(Process process, StringBuilder output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PrismServer> StartAsync(string specPath)
    {
        var prismDirectory = Path.Combine(LabelStudio.Testing.RepositoryPaths.Root, "tests", "LabelStudio.Client.Tests", "Contract", "prism");
        var node = FindOnPath("node") ?? throw new InvalidOperationException(
            "Node.js (node and npm on PATH) is required for the Prism contract tests; install Node.js 18 or newer. The tests fail instead of skipping so a missing mock is never mistaken for a pass.");
        var cli = Path.Combine(prismDirectory, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
        if (!File.Exists(cli))
        {
            var npm = FindOnPath("npm") ?? throw new InvalidOperationException("npm is required to install the Prism mock server (npm ci).");
            var install = await LabelStudio.Testing.ProcessRunner.RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], prismDirectory, timeout: TimeSpan.FromMinutes(5));
            if (install.ExitCode != 0 || !File.Exists(cli))
            {
                throw new InvalidOperationException($"npm ci for the Prism mock failed:\n{install}");
            }
        }

        var port = FreePort();
        var info = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = prismDirectory,
        };
        foreach (var argument in new[] { cli, "mock", "--errors", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), specPath })
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PrismServer(process, output, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prism exited with code {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "api/version/"));
                if (response.StatusCode != HttpStatusCode.NotFound || Output.Contains("Prism is listening", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: startup on the 1.5 MB spec takes a few seconds.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Prism did not start within 120 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
