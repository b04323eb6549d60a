namespace CvTailor.Tests.Embeddings;

/// <summary>Polls a condition until it holds or the time is up (the worker runs asynchronously).</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last value: {value}");
            }
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }
}
