using LabelStudio.Config;
using LabelStudio.Config.Building;

// Parse a config (or pass a file path as the first argument), list its controls, print every diagnostic.
var xml = args.Length > 0 ? File.ReadAllText(args[0]) : """
    <View>
      <Image name="image" value="$image"/>
      <RectangleLabels name="label" toName="image">
        <Label value="Cat" background="red"/>
        <Label value="Dog" background="blue"/>
      </RectangleLabels>
      <Choices name="quality" toName="image" choice="single" showinline="true">
        <Choice value="Good"/>
        <Choice value="Blurry"/>
      </Choices>
    </View>
    """;

if (!LabelConfig.TryParse(xml, out var config, out var diagnostics))
{
    Console.WriteLine("The config has errors:");
    foreach (var diagnostic in diagnostics)
    {
        Console.WriteLine("  " + diagnostic.Format(args.Length > 0 ? args[0] : "config.xml"));
    }

    return 1;
}

foreach (var control in config.Controls)
{
    var targets = string.Join(", ", control.Objects.Select(o => $"{o.TagName} '{o.Name}'"));
    Console.WriteLine($"{control.TagName} '{control.Name}' ({control.ResultType}) -> {targets}");
    if (control.LabelValues.Count > 0)
    {
        Console.WriteLine($"  labels: {string.Join(", ", control.LabelValues)}");
    }
}

Console.WriteLine($"Task data keys: {string.Join(", ", config.DataKeyNames)}");
Console.WriteLine($"Sample task: {SampleTasks.CreateTaskJson(config)}");

// Warnings do not stop parsing; they are kept on the config.
foreach (var warning in config.Diagnostics)
{
    Console.WriteLine(warning.Format("config.xml"));
}

return 0;
