using Pipeline.Functions.Cli;

return CliApp.Run(args);
