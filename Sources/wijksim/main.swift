ExitStatus.main()
