// Placeholder; the samples issue fills it in.
System.Console.WriteLine("not implemented yet");
