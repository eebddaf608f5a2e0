namespace LabelStudio.Host.Commands;

/// <summary>The commands `labelstudio` offers, in the order `--help` lists them.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new ValidateCommand(),
        new ConvertCommand(),
        new ImportDatasetCommand(),
        new ServeCommand(),
        new CheckBackendCommand(),
        new ProjectsCommand(),
        new ImportCommand(),
        new ExportCommand(),
    ];
}
