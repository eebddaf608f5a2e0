using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Config.Validation;

namespace LabelStudio.Host.Commands;

/// <summary>
/// <c>labelstudio validate config &lt;file|-&gt; [--json]</c>: checks a labeling config and lists every problem,
/// compiler-style or as one JSON object. Exit 0 without errors (warnings allowed), 1 with errors, 2 for usage or I/O errors.
/// </summary>
internal sealed class ValidateCommand : ICliCommand
{
    private const string StandardInputName = "stdin";

    public string Name => "validate";

    public Command Build(CliEnvironment environment)
    {
        var validate = new Command(Name, "Check Label Studio inputs and report every problem with its location.");
        validate.Subcommands.Add(BuildConfigCommand(environment));
        return validate;
    }

    private static Command BuildConfigCommand(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "The labeling config (XML) to check, or - to read it from standard input." };
        var json = new Option<bool>("--json") { Description = "Write one JSON object {\"valid\", \"diagnostics\"} to stdout instead of one line per problem." };
        var allowUnknown = new Option<bool>("--allow-unknown-tags")
        {
            Description = "Report tags Label Studio does not know as warnings, for configs written for a newer Label Studio.",
        };
        var command = new Command("config", "Validate a labeling config: XML, tags, attributes, names, toName links, labels.")
        {
            file,
            json,
            allowUnknown,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            environment,
            parseResult.GetValue(file)!,
            parseResult.GetValue(json),
            parseResult.GetValue(allowUnknown),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, string file, bool json, bool allowUnknownTags, CancellationToken cancellationToken)
    {
        var options = new LabelConfigOptions
        {
            UnknownTagSeverity = allowUnknownTags ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
        };
        var isStandardInput = file == "-";
        var displayName = isStandardInput ? StandardInputName : file;
        string? text;
        try
        {
            text = isStandardInput
                ? await ReadBoundedAsync(environment.OpenStandardInput(), options.MaxLength, cancellationToken).ConfigureAwait(false)
                : await ReadFileAsync(environment.ResolvePath(file), options.MaxLength, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await environment.Error.WriteLineAsync($"error: cannot read '{displayName}': {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        IReadOnlyList<ConfigDiagnostic> diagnostics = text is null
            ? [new ConfigDiagnostic(DiagnosticCodes.InputTooLarge, DiagnosticSeverity.Error, 0, 0, string.Empty,
                $"the config is longer than {options.MaxLength.ToString(CultureInfo.InvariantCulture)} characters")]
            : LabelConfig.Validate(text, options).Diagnostics;
        var valid = !diagnostics.Any(d => d.IsError);

        if (json)
        {
            await environment.Out.WriteLineAsync(ToJson(valid, diagnostics)).ConfigureAwait(false);
        }
        else
        {
            foreach (var diagnostic in diagnostics)
            {
                await environment.Out.WriteLineAsync(diagnostic.Format(displayName)).ConfigureAwait(false);
            }

            var errors = diagnostics.Count(d => d.IsError);
            var summary = string.Create(CultureInfo.InvariantCulture, $"{displayName}: {(valid ? "valid" : "invalid")}, {errors} error(s), {diagnostics.Count - errors} warning(s)");
            await environment.Error.WriteLineAsync(summary).ConfigureAwait(false);
        }

        return valid ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Reads a file, or returns null when it is certainly longer than the limit (without reading it).</summary>
    private static async Task<string?> ReadFileAsync(string path, int maxLength, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return await ReadBoundedAsync(reader, maxLength, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads at most <paramref name="maxLength"/> characters; null when there is more.</summary>
    private static async Task<string?> ReadBoundedAsync(TextReader reader, int maxLength, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (builder.Length + read > maxLength)
            {
                return null;
            }

            builder.Append(buffer, 0, read);
        }

        return builder.ToString();
    }

    private static string ToJson(bool valid, IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("valid", valid);
            writer.WriteStartArray("diagnostics");
            foreach (var diagnostic in diagnostics)
            {
                writer.WriteStartObject();
                writer.WriteString("code", diagnostic.Code);
                writer.WriteString("severity", diagnostic.IsError ? "error" : "warning");
                writer.WriteNumber("line", diagnostic.Line);
                writer.WriteNumber("column", diagnostic.Column);
                writer.WriteString("path", diagnostic.Path);
                writer.WriteString("message", diagnostic.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
