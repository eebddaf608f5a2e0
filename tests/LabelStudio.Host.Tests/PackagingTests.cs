using LabelStudio.Testing;

namespace LabelStudio.Host.Tests;

/// <summary>
/// The packages as users get them: `dotnet pack` fills the local feed (artifacts/packages, the only source
/// nuget.config adds), an example project restores our packages from that feed and runs, and the host
/// installs as a .NET tool whose command is `labelstudio`.
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public class PackagingTests
{
    private static readonly string[] LibraryPackages =
        ["LabelStudio.Config", "LabelStudio.Formats", "LabelStudio.Client", "LabelStudio.MlBackend"];

    private string _work = null!;
    private string _feed = null!;
    private string _version = null!;

    [OneTimeSetUp]
    public async Task PackAll()
    {
        _work = Path.Combine(Path.GetTempPath(), "labelstudio-packaging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
        _feed = Path.Combine(RepositoryPaths.Root, "artifacts", "packages");

        // A version of our own per run, so neither NuGet's caches nor an older pack can stand in for this build.
        _version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var pack = await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", "LabelStudio.slnx", "-c", "Release", "-p:Version=" + _version],
            RepositoryPaths.Root,
            timeout: TimeSpan.FromMinutes(10));
        pack.ExitCode.Should().Be(0, pack.ToString());
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
            foreach (var file in Directory.EnumerateFiles(_feed, "*" + _version + "*"))
            {
                File.Delete(file);
            }
        }
        catch (IOException)
        {
            // Leftovers in the temp folder do no harm; the next run packs a new version.
        }
    }

    [Test]
    public void Pack_Solution_ProducesEveryLibraryAndTheToolWithSymbols()
    {
        foreach (var id in LibraryPackages.Append("LabelStudio.Host"))
        {
            File.Exists(Path.Combine(_feed, $"{id}.{_version}.nupkg")).Should().BeTrue($"{id} is packed");
        }

        foreach (var id in LibraryPackages)
        {
            File.Exists(Path.Combine(_feed, $"{id}.{_version}.snupkg")).Should().BeTrue($"{id} ships symbols");
        }
    }

    [Test]
    public void Pack_Libraries_CarryReadmeLicenseAndDocs()
    {
        foreach (var id in LibraryPackages)
        {
            using var archive = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{_version}.nupkg"));
            var names = archive.Entries.Select(e => e.FullName).ToList();
            names.Should().Contain("README.md", $"{id} shows its README on the package page");
            names.Should().Contain($"lib/net10.0/{id}.dll");
            names.Should().Contain($"lib/net10.0/{id}.xml", $"{id} ships XML docs for IntelliSense");

            var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var reader = new StreamReader(nuspec.Open());
            var text = reader.ReadToEnd();
            text.Should().Contain("<license type=\"expression\">Apache-2.0</license>");
            text.Should().Contain("<readme>README.md</readme>");
        }
    }

    [Test]
    public async Task ExampleConsumer_RestoresFromLocalFeed_BuildsAndRuns()
    {
        var example = Path.Combine(RepositoryPaths.Root, "examples", "PackageConsumer");
        var output = Path.Combine(_work, "consumer-out");
        var environment = new Dictionary<string, string?>
        {
            // A fresh packages folder: our packages can only come from the local feed.
            ["NUGET_PACKAGES"] = Path.Combine(_work, "nuget-packages"),
        };

        var build = await ProcessRunner.RunAsync(
            "dotnet",
            ["build", example, "-c", "Release", "-o", output, "-p:LabelStudioVersion=" + _version],
            example,
            environment);
        build.ExitCode.Should().Be(0, build.ToString());

        var run = await ProcessRunner.RunAsync("dotnet", [Path.Combine(output, "PackageConsumer.dll")], example);
        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Should().Contain("LabelStudio.Config " + _version);
        run.StandardOutput.Should().Contain("label: rectanglelabels [Cat, Dog]", "the example parses a config with the packaged LabelStudio.Config");
        run.StandardOutput.Should().Contain("\"image\":\"/data/upload/1/cat.jpg\"", "the example round-trips a task with the packaged LabelStudio.Formats");
    }

    [Test]
    public async Task ToolPackage_Installs_AsLabelstudioCommand()
    {
        var tools = Path.Combine(_work, "tools");
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_work, "tool-packages") };

        var install = await ProcessRunner.RunAsync(
            "dotnet",
            ["tool", "install", "LabelStudio.Host", "--version", _version, "--tool-path", tools, "--add-source", _feed],
            _work,
            environment);
        install.ExitCode.Should().Be(0, install.ToString());

        var run = await ProcessRunner.RunAsync(Path.Combine(tools, "labelstudio"), ["--version"], _work);
        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Trim().Should().Be(_version);
    }
}
