using LabelStudio.Host;

return await Cli.RunAsync(args, CliEnvironment.FromConsole()).ConfigureAwait(false);
