namespace Gydex.Modules.Operations;

/// <summary>
/// Runs a long operation (a backup, a test copy's refresh) started from the console after the request has
/// answered; its progress is in the catalog (the backup's stage), so any node's console shows it.
/// </summary>
public sealed class OperationsRunner(IServiceScopeFactory scopes, ILogger<OperationsRunner> logger)
{
    public Task Start(string what, Func<IServiceProvider, CancellationToken, Task> work) => Task.Run(async () =>
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Operation} failed", what);
        }
    });
}
