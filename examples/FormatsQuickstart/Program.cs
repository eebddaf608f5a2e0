// Reads a Label Studio JSON export one task at a time, counts the results by type, and writes the tasks back
// to a new file (equal JSON: nothing is lost, unknown fields included).
//
//   dotnet run --project examples/FormatsQuickstart -- export.json [copy.json]
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: FormatsQuickstart <export.json> [copy.json]");
    return 2;
}

var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
var tasks = 0;

async IAsyncEnumerable<LabelStudioTask> CountAsync(Stream export)
{
    await foreach (var task in LabelStudioJson.ReadTasksAsync(export))
    {
        tasks++;
        foreach (var result in task.Annotations.SelectMany(a => a.Results))
        {
            counts[result.Type.Value] = counts.GetValueOrDefault(result.Type.Value) + 1;
        }

        yield return task;
    }
}

try
{
    await using var input = File.OpenRead(args[0]);
    if (args.Length == 2)
    {
        // Written to a temporary file and moved into place: an interrupted run leaves no half-written copy.
        await LabelStudioJson.WriteTasksToFileAsync(args[1], CountAsync(input));
    }
    else
    {
        await foreach (var _ in CountAsync(input))
        {
        }
    }
}
catch (LabelStudioJsonException ex)
{
    // The message names the task index, byte offset, line and column.
    Console.Error.WriteLine($"{args[0]}: {ex.Message}");
    return 1;
}

Console.WriteLine($"{tasks} tasks");
foreach (var (type, count) in counts)
{
    Console.WriteLine($"{type,-20} {count}");
}

return 0;
