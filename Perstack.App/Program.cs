using Perstack.App.Cli;

return await PerstackCli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable).ConfigureAwait(false);
