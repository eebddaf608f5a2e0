using System.CommandLine;

namespace LabelStudio.Host.Commands;

/// <summary>
/// One top-level `labelstudio` command. Each command lives in its own file and is listed in
/// <see cref="CommandCatalog"/>; only working commands are listed, so `--help` never shows a stub.
/// </summary>
internal interface ICliCommand
{
    /// <summary>The name typed after `labelstudio`; <see cref="Build"/> gives its command this name.</summary>
    string Name { get; }

    /// <summary>Builds the System.CommandLine command, with its action bound to <paramref name="environment"/>.</summary>
    Command Build(CliEnvironment environment);
}
