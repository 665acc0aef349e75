// Placeholder; the webhooks issue fills it in.
System.Console.WriteLine("not implemented yet");
