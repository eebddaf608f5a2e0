// Decodes every brush mask (brushlabels RLE) of a Label Studio JSON export into an 8-bit greyscale PNG,
// as the BRUSH_TO_PNG export does, then encodes each mask back to RLE and checks the round trip.
//
//   dotnet run --project examples/MasksQuickstart -- <export.json> [output folder]
//
// The export is read with System.Text.Json directly so the example shows only the mask API.
using System.Text.Json;
using LabelStudio.Formats.Masks;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: MasksQuickstart <export.json> [output folder]");
    return 2;
}

var output = args.Length > 1 ? args[1] : "masks";
Directory.CreateDirectory(output);

using var export = JsonDocument.Parse(File.ReadAllBytes(args[0]));
var written = 0;
foreach (var task in export.RootElement.EnumerateArray())
{
    if (!task.TryGetProperty("annotations", out var annotations))
    {
        continue;
    }

    foreach (var annotation in annotations.EnumerateArray())
    {
        foreach (var region in annotation.GetProperty("result").EnumerateArray())
        {
            if (region.GetProperty("type").GetString() != "brushlabels")
            {
                continue;
            }

            // value.rle is a list of byte values; original_width/height give the mask size.
            var rle = BrushRle.FromIntegers(
                region.GetProperty("value").GetProperty("rle").EnumerateArray().Select(v => v.GetInt32()).ToArray());
            var width = region.GetProperty("original_width").GetInt32();
            var height = region.GetProperty("original_height").GetInt32();

            Mask mask;
            try
            {
                mask = BrushRle.DecodeMask(rle, width, height);
            }
            catch (RleFormatException error)
            {
                // Malformed RLE names the byte and bit where it went wrong.
                Console.Error.WriteLine($"task {task.GetProperty("id")}, region {region.GetProperty("id")}: {error.Message}");
                continue;
            }

            var name = $"task-{task.GetProperty("id")}-annotation-{annotation.GetProperty("id")}-{region.GetProperty("id").GetString()}.png";
            MaskPng.Save(mask, Path.Combine(output, name));

            // Encode back exactly as the official SDK's mask2rle would, and prove nothing was lost.
            var encoded = BrushRle.EncodeMask(mask);
            var same = BrushRle.DecodeMask(encoded, width, height).ContentEquals(mask);
            Console.WriteLine(
                $"{name}: {width}x{height}, {mask.CountNonZero()} painted pixels, RLE {rle.Length} -> {encoded.Length} bytes, round trip {(same ? "ok" : "FAILED")}");
            written++;
        }
    }
}

Console.WriteLine($"{written} mask(s) written to {output}");
return 0;
