using LabelStudio.Client;

// Connection from LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY (a legacy key or a personal access token: the client tells them apart).
var options = new LabelStudioClientOptions().WithEnvironmentDefaults();
if (options.Validate() is { Count: > 0 } problems)
{
    Console.Error.WriteLine("Set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY: " + string.Join(" ", problems));
    return 2;
}

using var client = new LabelStudioClient(options);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var version = await client.GetVersionAsync(cancel.Token);
    Console.WriteLine($"Label Studio {version.Release} ({version.Edition}) at {client.BaseUrl}");

    // Pages through every project; the end of the list (including Label Studio's 404 past the last page) ends the loop quietly.
    await foreach (var project in client.Projects.List().WithCancellation(cancel.Token))
    {
        Console.WriteLine($"{project.Id,6}  {project.TaskNumber,8} tasks  {project.Title}");
    }

    return 0;
}
catch (LabelStudioAuthenticationException e)
{
    Console.Error.WriteLine($"Authentication failed: {e.Detail}");
    return 1;
}
catch (LabelStudioApiException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"Cannot reach {client.BaseUrl}: {e.Message}");
    return 1;
}
