using System.CommandLine;
using System.Globalization;
using LabelStudio.Client.Projects;
using Spectre.Console;

namespace LabelStudio.Host.Commands;

/// <summary>
/// <c>labelstudio projects list [--json] [--url U] [--api-key K]</c>: the projects of a Label Studio server, as a table
/// or one JSON document. Exit 0 when listed, 1 when the server refused, 2 for usage errors or an unreachable server.
/// </summary>
internal sealed class ProjectsCommand : ICliCommand
{
    public string Name => "projects";

    public Command Build(CliEnvironment environment)
    {
        var projects = new Command(Name, "Projects of a Label Studio server.");
        projects.Subcommands.Add(BuildList(environment));
        return projects;
    }

    private static Command BuildList(CliEnvironment environment)
    {
        var connection = new ApiConnection();
        var json = new Option<bool>("--json") { Description = "Write one JSON object {\"projects\": [...]} to stdout instead of a table." };
        var command = new Command("list", "List the projects: id, title, task and annotation counts, creation time.") { json };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = await connection.CreateClientAsync(parseResult, environment).ConfigureAwait(false);
            if (client is null)
            {
                return ExitCodes.UsageOrIoError;
            }

            List<Project> list;
            try
            {
                list = [.. await client.Projects.List().ToListAsync(cancellationToken).ConfigureAwait(false)];
            }
            catch (Exception exception) when (ApiConnection.IsServerFailure(exception))
            {
                return await ApiConnection.ReportAsync(exception, environment, client.BaseUrl).ConfigureAwait(false);
            }

            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(environment.Out, list).ConfigureAwait(false);
            }
            else
            {
                WriteTable(environment, list);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteJsonAsync(TextWriter output, List<Project> projects) =>
        JsonOutput.WriteAsync(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("projects");
            foreach (var project in projects)
            {
                writer.WriteStartObject();
                writer.WriteNullableNumber("id", project.Id);
                writer.WriteString("title", project.Title);
                writer.WriteNullableNumber("task_count", project.TaskNumber);
                writer.WriteNullableNumber("annotated_task_count", project.NumTasksWithAnnotations);
                writer.WriteNullableNumber("annotation_count", project.TotalAnnotationsNumber);
                writer.WriteNullableNumber("prediction_count", project.TotalPredictionsNumber);
                if (project.CreatedAt is { } created)
                {
                    writer.WriteString("created_at", created);
                }
                else
                {
                    writer.WriteNull("created_at");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void WriteTable(CliEnvironment environment, List<Project> projects)
    {
        var console = ConsoleFor(environment.Out, environment.OutIsTerminal);
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("ID", c => c.RightAligned())
            .AddColumn("Title")
            .AddColumn("Tasks", c => c.RightAligned())
            .AddColumn("Annotated", c => c.RightAligned())
            .AddColumn("Annotations", c => c.RightAligned())
            .AddColumn("Predictions", c => c.RightAligned())
            .AddColumn("Created");
        foreach (var project in projects)
        {
            table.AddRow(
                Number(project.Id),
                Markup.Escape(project.Title ?? string.Empty),
                Number(project.TaskNumber),
                Number(project.NumTasksWithAnnotations),
                Number(project.TotalAnnotationsNumber),
                Number(project.TotalPredictionsNumber),
                project.CreatedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty);
        }

        console.Write(table);
        console.WriteLine(projects.Count == 1 ? "1 project" : string.Create(CultureInfo.InvariantCulture, $"{projects.Count} projects"));
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>A Spectre console over one of the CLI's writers; plain text and a fixed width when it is not a terminal.</summary>
    internal static IAnsiConsole ConsoleFor(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Redirected output has no width; wide enough that titles are not wrapped in logs.
            console.Profile.Width = 160;
        }

        return console;
    }
}
