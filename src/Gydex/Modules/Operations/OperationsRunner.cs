namespace Gydex.Modules.Operations;

/// <summary>
/// Runs a long operation (a backup, a test copy's refresh) started from the console after the request has
/// answered; its progress is in the catalog (the backup's stage), so any node's console shows it.
/// </summary>
public sealed class OperationsRunner(IServiceScopeFactory scopes, ILogger<OperationsRunner> logger)
{
    private int running;

    /// <summary>
    /// Whether an operation started on this node is still running. Counted from the moment it is started, so the
    /// console the operator is sent back to refreshes itself even before the operation has written its first row.
    /// </summary>
    public bool Busy => Volatile.Read(ref running) > 0;

    public Task Start(string what, Func<IServiceProvider, CancellationToken, Task> work)
    {
        Interlocked.Increment(ref running);
        return Task.Run(async () =>
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
            finally
            {
                Interlocked.Decrement(ref running);
            }
        });
    }
}
